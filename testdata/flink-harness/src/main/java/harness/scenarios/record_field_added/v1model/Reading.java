package harness.scenarios.record_field_added.model;

/** The state's record (v1). */
public record Reading(long count) {}
