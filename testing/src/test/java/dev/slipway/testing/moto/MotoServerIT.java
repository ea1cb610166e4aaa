package dev.slipway.testing.moto;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The project installs and starts its pinned moto, which answers moto's own API and resets. */
@LocalMoto
class MotoServerIT {

  @Test
  void startsAnswersAndResets(MotoServer moto) throws Exception {
    HttpResponse<String> data = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(moto.endpoint() + "/moto-api/data.json")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(data.statusCode()).isEqualTo(200);
    assertThat(data.body()).startsWith("{");
    moto.reset();
    assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");
  }
}
