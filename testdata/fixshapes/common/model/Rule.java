package fixshapes.model;

/** A threshold rule broadcast to every parallel instance. */
public class Rule {
    public String kind;
    public long threshold;

    public Rule() {}

    public Rule(String kind, long threshold) {
        this.kind = kind;
        this.threshold = threshold;
    }
}
