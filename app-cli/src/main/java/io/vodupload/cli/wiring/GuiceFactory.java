package io.vodupload.cli.wiring;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

import java.lang.reflect.Modifier;
import java.util.Objects;

/**
 * A picocli {@link CommandLine.IFactory} backed by the one Guice injector: commands, mixins, converters
 * and the version provider come from Guice (so their {@code @Inject} constructors get the wiring);
 * what Guice cannot build (collection interfaces picocli asks for) falls back to picocli's default factory.
 */
public final class GuiceFactory implements CommandLine.IFactory {

    private final Injector injector;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    public GuiceFactory(Injector injector) {
        this.injector = Objects.requireNonNull(injector, "injector");
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
            return fallback.create(cls);
        }
        try {
            return injector.getInstance(cls);
        } catch (ConfigurationException e) {
            return fallback.create(cls);
        }
    }
}
