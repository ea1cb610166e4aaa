package dev.slipway.controllers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Slipway's controller process. At this stage it starts, exposes health and metrics endpoints and stops cleanly;
 * the Cluster, Nodepool, MachinePool and ClusterAdditionalConfig controllers join it with the controllers issue.
 */
@SpringBootApplication
public class SlipwayApplication {

  public static void main(String[] args) {
    SpringApplication.run(SlipwayApplication.class, args);
  }
}
