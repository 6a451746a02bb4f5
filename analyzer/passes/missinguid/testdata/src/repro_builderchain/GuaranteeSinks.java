package repro_builderchain;

// A builder in a file that names no stream type, so its build() is not run:
// it is typed from its declaration, an abstract sink, and the classes its
// returns make.
public class GuaranteeSinks {
    private boolean exactlyOnce;

    public static GuaranteeSinks builder() {
        return new GuaranteeSinks();
    }

    public GuaranteeSinks exactlyOnce(boolean on) {
        this.exactlyOnce = on;
        return this;
    }

    public PipeSink build() {
        if (exactlyOnce) {
            return new TxPipeSink();
        }
        return new PlainPipeSink();
    }
}
