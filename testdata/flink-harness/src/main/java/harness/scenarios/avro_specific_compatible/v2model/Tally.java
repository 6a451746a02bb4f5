package harness.scenarios.avro_specific_compatible.model;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** The state's Avro record, written by hand as avro-tools would generate it (v2: a field with a default is added). */
public class Tally extends SpecificRecordBase {
    public static final Schema SCHEMA$ = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Tally\",\"namespace\":\"harness.scenarios.avro_specific_compatible.model\",\"fields\":[{\"name\":\"count\",\"type\":\"long\"},{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}");
    public long count;
    public CharSequence note = "";

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        switch (field) {
            case 0: return count;
            case 1: return note;
            default: throw new IndexOutOfBoundsException("field " + field);
        }
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0: count = (Long) value; break;
            case 1: note = (CharSequence) value; break;
            default: throw new IndexOutOfBoundsException("field " + field);
        }
    }
}
