package org.pluginreview;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PluginReviewApplication {

  public static void main(String[] args) {
    SpringApplication.run(PluginReviewApplication.class, args);
  }
}
