package harness.scenarios.enum_constant_removed.model;

/** The state's enum (v2): MID is removed. */
public enum Level {
    LOW,
    HIGH
}
