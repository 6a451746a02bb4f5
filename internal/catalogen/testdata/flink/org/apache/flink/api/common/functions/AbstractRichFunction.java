package org.apache.flink.api.common.functions;

public abstract class AbstractRichFunction implements Function {}
