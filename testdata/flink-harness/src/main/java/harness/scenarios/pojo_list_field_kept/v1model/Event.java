package harness.scenarios.pojo_list_field_kept.model;

import java.util.ArrayList;
import java.util.List;

/** The state's POJO (v1): a count and the texts seen so far. */
public class Event {
    public long count;
    public List<String> seen = new ArrayList<>();

    public Event() {}
}
