package harness.scenarios.enum_constant_added.model;

/** The state's enum (v2): MID is added at the end. */
public enum Level {
    LOW,
    HIGH,
    MID
}
