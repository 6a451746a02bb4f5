package harness.scenarios.record_field_added.model;

/** The state's record (v2). */
public record Reading(long count, String note) {}
