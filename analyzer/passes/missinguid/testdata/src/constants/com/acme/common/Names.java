package com.acme.common;

public interface Names {
    String DEDUP = "dedup";
}
