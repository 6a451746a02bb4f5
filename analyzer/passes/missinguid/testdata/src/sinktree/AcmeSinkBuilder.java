package sinktree;

public class AcmeSinkBuilder<T> {
    public AcmeSinkBuilder<T> setTopic(String topic) {
        return this;
    }

    public AcmeSink<T> build() {
        return new AcmeSink<>();
    }
}
