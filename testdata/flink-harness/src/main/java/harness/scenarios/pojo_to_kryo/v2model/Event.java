package harness.scenarios.pojo_to_kryo.model;

/** The state's class (v2): no no-argument constructor and a private final field, so not a POJO. */
public class Event {
    private final long count;

    public Event(long count) {
        this.count = count;
    }

    public long count() {
        return count;
    }
}
