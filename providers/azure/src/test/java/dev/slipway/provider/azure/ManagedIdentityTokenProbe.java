package dev.slipway.provider.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link FakeArmProtocolIT}: gets an ARM token through an unchanged
 * {@code DefaultAzureCredential} (which finds the fake's managed identity endpoint through {@code IDENTITY_ENDPOINT}
 * and {@code IDENTITY_HEADER}) and writes it to the file named by the first argument.
 */
public final class ManagedIdentityTokenProbe {

  private ManagedIdentityTokenProbe() {
  }

  public static void main(String[] args) throws Exception {
    AccessToken token = new DefaultAzureCredentialBuilder().build()
        .getTokenSync(new TokenRequestContext().addScopes("https://management.azure.com/.default"));
    Files.writeString(Path.of(args[0]), token.getToken(), StandardCharsets.UTF_8);
  }
}
