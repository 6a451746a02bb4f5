package fixshapes.model;

/** A click-stream event, the record type most fix-shapes jobs read. */
public class Event {
    public String userId;
    public String kind;
    public long amount;
    public long timestamp;

    public Event() {}

    public Event(String userId, String kind, long amount, long timestamp) {
        this.userId = userId;
        this.kind = kind;
        this.amount = amount;
        this.timestamp = timestamp;
    }

    @Override
    public String toString() {
        return userId + "/" + kind + "/" + amount + "@" + timestamp;
    }
}
