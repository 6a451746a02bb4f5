package fix;

/** Inherits its state from BaseBuffer; declares none itself. */
public class UpperBuffer extends BaseBuffer {
    public String map(String v) {
        return v.toUpperCase();
    }
}
