package harness.scenarios.record_field_type_changed.model;

/** The state's record (v2). */
public record Reading(String count) {}
