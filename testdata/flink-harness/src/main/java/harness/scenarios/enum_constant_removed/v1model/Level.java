package harness.scenarios.enum_constant_removed.model;

/** The state's enum (v1). */
public enum Level {
    LOW,
    MID,
    HIGH
}
