package com.acme.common;

public final class Uids {
    public static final String PREFIX = "acme";
    public static final String SOURCE = PREFIX + "-source";
    public static final String WINDOW = String.format("%s-window-%d", PREFIX, 5);

    /** Builds the uid of a stage; a helper, not a constant. */
    public static String of(String stage) {
        return PREFIX + "-" + stage;
    }

    public static final class Sinks {
        public static final String KAFKA = PREFIX + ".sink.kafka";
    }
}
