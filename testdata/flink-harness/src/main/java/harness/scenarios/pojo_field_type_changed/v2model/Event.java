package harness.scenarios.pojo_field_type_changed.model;

/** The state's POJO (v2): the field "count" is now a String. */
public class Event {
    public String count;

    public Event() {}
}
