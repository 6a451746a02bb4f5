package org.apache.flink.api.common.state;

public class ListStateDescriptor<T> {
    public ListStateDescriptor(String name, Class<T> type) {}
}
