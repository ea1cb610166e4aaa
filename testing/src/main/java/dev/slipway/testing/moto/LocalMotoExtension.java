package dev.slipway.testing.moto;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Backs {@link LocalMoto}: one moto server per JVM in the root store (closed at the end), reset per class. */
public final class LocalMotoExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(
      LocalMotoExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context).reset();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MotoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  private static MotoServer server(ExtensionContext context) {
    return context.getRoot().getStore(STORE).computeIfAbsent(MotoServer.class,
        k -> MotoServer.start(Path.of(System.getProperty("java.io.tmpdir"), "slipway-moto")), MotoServer.class);
  }
}
