package harness.common;

/** uids shared by jobs, as teams keep them in one class. */
public final class Uids {
    public static final String COUNTER = "counter";

    private Uids() {}
}
