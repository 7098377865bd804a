package dev.atenea;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AteneaApplication {

	public static void main(String[] args) {
		SpringApplication.run(AteneaApplication.class, args);
	}

}
