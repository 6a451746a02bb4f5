package udfs;

public class CountPerKey extends BaseCounter<String> {
    public String map(String v) { return v; }
}
