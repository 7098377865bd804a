package dev.atenea;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The arrows between feature packages point one way: web → generation → queue, provider,
 * storage, notification; user and system are below everything.
 */
class ArchitectureTest {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.atenea");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("dev.atenea.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void nothingBelowTheWebLayerUsesIt() {
		noClasses().that()
			.resideOutsideOfPackages("dev.atenea.web..", "dev.atenea.cli..", "dev.atenea")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.atenea.web..")
			.check(MAIN);
	}

	@Test
	void theServicesGenerationUsesNeverUseGeneration() {
		noClasses().that()
			.resideInAnyPackage("dev.atenea.queue..", "dev.atenea.provider..", "dev.atenea.storage..",
					"dev.atenea.notification..", "dev.atenea.user..", "dev.atenea.system..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.atenea.generation..")
			.check(MAIN);
	}

	@Test
	void theQueueKnowsNothingOfWhatItCarries() {
		noClasses().that()
			.resideInAPackage("dev.atenea.queue..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.atenea.provider..", "dev.atenea.storage..", "dev.atenea.notification..",
					"dev.atenea.user..")
			.check(MAIN);
	}

	@Test
	void providersAreIndependentOfTheRest() {
		noClasses().that()
			.resideInAPackage("dev.atenea.provider..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.atenea.queue..", "dev.atenea.storage..", "dev.atenea.notification..",
					"dev.atenea.user..")
			.check(MAIN);
	}

}
