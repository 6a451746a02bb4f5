package harness.scenarios.enum_constant_added.model;

/** The state's enum (v1). */
public enum Level {
    LOW,
    HIGH
}
