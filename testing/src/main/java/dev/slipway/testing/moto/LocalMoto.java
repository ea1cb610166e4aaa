package dev.slipway.testing.moto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a moto server: test and lifecycle methods may declare a {@link MotoServer}
 * parameter. One server per test JVM, reset before each test class; stopped when the run ends.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalMotoExtension.class)
public @interface LocalMoto {
}
