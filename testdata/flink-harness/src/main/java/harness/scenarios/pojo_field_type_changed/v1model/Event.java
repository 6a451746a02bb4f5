package harness.scenarios.pojo_field_type_changed.model;

/** The state's POJO (v1): public fields and a public no-argument constructor. */
public class Event {
    public long count;

    public Event() {}
}
