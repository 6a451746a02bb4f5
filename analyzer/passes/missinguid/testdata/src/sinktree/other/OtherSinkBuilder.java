package sinktree.other;

public class OtherSinkBuilder<T> {
    public OtherSink<T> build() {
        return new OtherSink<>();
    }
}
