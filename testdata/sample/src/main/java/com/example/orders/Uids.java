package com.example.orders;

/** Operator uids of the orders job. Never change a released uid. */
public final class Uids {
    static final String PREFIX = "orders";
    public static final String SOURCE = PREFIX + "-source";

    private Uids() {}
}
