package io.vodupload.cli.wiring;

import com.google.inject.ConfigurationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.util.Types;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.upload.UploadRunner;
import io.vodupload.ports.UploadTicketDecoder;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A picocli {@link CommandLine.IFactory} backed by the one Guice injector, which it creates only when a
 * command needs it, so that {@code --version}, {@code --help} and usage errors never pay for the wiring:
 * <ul>
 *   <li>classes without an {@code @Inject} constructor (the top-level command, mixins, converters, the
 *       version provider) come from picocli's default factory;</li>
 *   <li>classes whose {@code @Inject} constructor asks only for {@link CliEnvironment} and
 *       {@link Provider}s (the commands, the error reporter) are built here, and each provider asks on its
 *       first {@code get()}: a command reaches its wiring only once it runs. A provider of
 *       {@link UploadRunner} asks the {@link CoreWiring} when there is one (the production wiring), so a
 *       single upload creates the injector only if its target needs an adapter module
 *       ({@link CoreWiring.Installed}, answered here); every other provider asks the injector;</li>
 *   <li>any other class comes from the injector (created then), as does what Guice cannot build lazily.</li>
 * </ul>
 * What Guice cannot build at all (collection interfaces picocli asks for) falls back to the default factory.
 *
 * <p>Thread-safe; the injector is created at most once.
 */
public final class GuiceFactory implements CommandLine.IFactory, CoreWiring.Installed {

    private final CliEnvironment env;
    private final Optional<CoreWiring> core;
    private final Supplier<?> create;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();
    private Injector injector;

    /** Over an injector that exists already (tests build theirs with overrides): everything comes from it. */
    public GuiceFactory(Injector injector) {
        this(injector.getInstance(CliEnvironment.class), Optional.empty(), () -> injector, false);
    }

    /**
     * Over {@code core} and the injector of {@code modules}, created when something first needs it
     * ({@code modules} is called then, at most once).
     */
    public GuiceFactory(CoreWiring core, Supplier<? extends Iterable<? extends Module>> modules) {
        this(core.environment(), Optional.of(core), modules, true);
    }

    private GuiceFactory(CliEnvironment env, Optional<CoreWiring> core, Supplier<?> source, boolean ofModules) {
        this.env = Objects.requireNonNull(env, "env");
        this.core = core;
        Objects.requireNonNull(source, "source");
        // a lambda that returns an Injector would load Guice when it is made: this one returns Object
        this.create = ofModules ? () -> Guice.createInjector((Iterable<? extends Module>) source.get()) : source;
    }

    /** The injector, created now if it was not yet. */
    public synchronized Injector injector() {
        if (injector == null) {
            injector = (Injector) Objects.requireNonNull(create.get(), "the injector");
        }
        return injector;
    }

    /** The environment the commands get. */
    public CliEnvironment environment() {
        return env;
    }

    /** The injector if a command needed it; empty when the run answered without it. */
    public synchronized Optional<Injector> createdInjector() {
        return Optional.ofNullable(injector);
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
            return fallback.create(cls);
        }
        Constructor<?>[] constructors = cls.getDeclaredConstructors();
        Optional<Constructor<?>> inject = Arrays.stream(constructors)
                .filter(c -> c.isAnnotationPresent(Inject.class)).findFirst();
        if (inject.isEmpty() && Arrays.stream(constructors).anyMatch(c -> c.getParameterCount() == 0)) {
            return fallback.create(cls);
        }
        Optional<Object[]> lazyArguments = inject.flatMap(this::lazyArguments);
        if (lazyArguments.isPresent()) {
            inject.get().setAccessible(true);
            return cls.cast(inject.get().newInstance(lazyArguments.get()));
        }
        try {
            return injector().getInstance(cls);
        } catch (RuntimeException e) {
            // instanceof, not a catch clause: a handler's type is loaded with this class, and --version loads no Guice
            if (e instanceof ConfigurationException) {
                return fallback.create(cls);
            }
            throw e;
        }
    }

    /** The arguments of {@code constructor} if it asks only for the environment and providers; else empty. */
    private Optional<Object[]> lazyArguments(Constructor<?> constructor) {
        // raw types only: resolving a provider's type argument would load its class (Jackson's, an adapter's)
        Class<?>[] types = constructor.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            int index = i;
            if (types[i] == CliEnvironment.class) {
                arguments[i] = env;
            } else if (types[i] == Provider.class) {
                arguments[i] = (Provider<Object>) () -> provide(
                        ((ParameterizedType) constructor.getGenericParameterTypes()[index]).getActualTypeArguments()[0]);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(arguments);
    }

    /** What a command's provider of {@code type} gives: the core's upload runner, else the injector's. */
    private Object provide(Type type) {
        if (core.isPresent() && type == UploadRunner.class) {
            return core.get().uploadRunner(this);
        }
        return injector().getInstance(Key.get(type));
    }

    @Override
    public UploadTicketDecoder ticketDecoder() {
        return injector().getInstance(UploadTicketDecoder.class);
    }

    // keys of reflection types, not TypeLiterals: an anonymous TypeLiteral here would load Guice with this class

    @Override
    @SuppressWarnings("unchecked")
    public Map<Transport, StorageBackend> storageBackends() {
        return (Map<Transport, StorageBackend>) injector().getInstance(
                Key.get(Types.mapOf(Transport.class, StorageBackend.class)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<VodApiFactory> vodApis() {
        return (Optional<VodApiFactory>) injector().getInstance(
                Key.get(Types.newParameterizedType(Optional.class, VodApiFactory.class)));
    }
}
