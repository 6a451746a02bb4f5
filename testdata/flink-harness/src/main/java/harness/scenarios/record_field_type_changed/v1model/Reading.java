package harness.scenarios.record_field_type_changed.model;

/** The state's record (v1). */
public record Reading(long count) {}
