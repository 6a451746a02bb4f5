package harness.scenarios.pojo_list_element_changed.model;

import java.util.ArrayList;
import java.util.List;

/** The state's POJO (v2): a count and the numbers seen so far. */
public class Event {
    public long count;
    public List<Long> seen = new ArrayList<>();

    public Event() {}
}
