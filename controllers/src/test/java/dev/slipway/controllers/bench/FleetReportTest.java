package dev.slipway.controllers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetReportTest {

  private static FleetReport.Size size(int clusters, double cold) {
    return new FleetReport.Size(clusters, 3, cold, Map.of("cluster", 40.0 * clusters), Map.of("PUT", 900.0),
        Map.of("PUT", 800.0), 12.5, Double.NaN, Map.of(), 0, 0, 1, 3 * clusters, 3 * clusters, 15, 0.2,
        Map.of("machinepool", 3.0), Map.of(), Map.of("events", 30.0), 2.0, 0, 80, 40, cold / 3, 22L * clusters, 300, 3.0,
        4, 120, new FleetReport.ServerCpu(20, 10), new FleetReport.ServerCpu(60, 25), new FleetReport.ServerCpu(50, 20),
        Map.of("machinepools", 3.0 * clusters, "machinepools/status", 6.0 * clusters), 1.5, 0.5, 7);
  }

  @Test
  void theTableHasAColumnPerSizeAndReadableRows() {
    String table = FleetReport.table(List.of(size(100, 30), size(500, 140)));

    assertThat(table).contains("cold convergence, s").contains("30.00").contains("140.00")
        .contains("  reconciles, cluster").contains("4000.00").contains("of which Events/s").contains("NaN")
        .contains("  writes to machinepools/status").contains("3000.00").contains("  etcd CPU, s");
  }

  @Test
  void writesJsonAndAPlotOfTimeToReadyAgainstFleetSize(@TempDir Path directory) throws Exception {
    FleetReport.write(directory, Map.of("sizes", List.of(100, 500)), List.of(size(100, 30), size(500, 140)));

    JsonObject json = JsonParser.parseString(Files.readString(directory.resolve("fleet-benchmark.json")))
        .getAsJsonObject();
    assertThat(json.getAsJsonArray("sizes")).hasSize(2);
    assertThat(json.getAsJsonArray("sizes").get(1).getAsJsonObject().get("coldSeconds").getAsDouble())
        .isEqualTo(140.0);
    BufferedImage plot = ImageIO.read(directory.resolve("fleet-benchmark.png").toFile());
    assertThat(plot.getWidth()).isEqualTo(900);
    assertThat(plot.getHeight()).isEqualTo(560);
    assertThat(plot.getRGB(5, 5)).as("white background").isEqualTo(0xFFFFFFFF);
  }

  @Test
  void theBareLoaderWritesWhatAClusterNeedsAtLeast() {
    assertThat(BareLoader.writesPerCluster(3)).as("Cluster and Nodepools 3 each, MachinePools 2 each, the Secret")
        .isEqualTo(3 * 4 + 2 * 3 + 1);
  }
}
