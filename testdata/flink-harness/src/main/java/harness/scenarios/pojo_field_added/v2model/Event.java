package harness.scenarios.pojo_field_added.model;

/** The state's POJO (v2): a field is added. */
public class Event {
    public long count;
    public String note;

    public Event() {}
}
