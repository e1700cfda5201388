package dev.miyabi.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Miyabi Business Platform: one Spring Boot application made of Spring Modulith modules. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MiyabiApplication {

    public static void main(String[] args) {
        SpringApplication.run(MiyabiApplication.class, args);
    }
}
