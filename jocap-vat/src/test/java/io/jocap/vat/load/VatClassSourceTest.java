package io.jocap.vat.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VatClassSourceTest {
    @TempDir
    Path dir;

    @Test
    void ofPathDecidesByWhatThePathIs() throws Exception {
        Path jar = Files.writeString(dir.resolve("vat.jar"), "");
        Path upperJar = Files.writeString(dir.resolve("VAT.JAR"), "");
        Path java = Files.writeString(dir.resolve("Counter.java"), "");

        assertThat(VatClassSource.ofPath(dir)).isEqualTo(new VatClassSource.Directory(dir));
        assertThat(VatClassSource.ofPath(jar)).isEqualTo(new VatClassSource.Jar(jar));
        assertThat(VatClassSource.ofPath(upperJar)).isEqualTo(new VatClassSource.Jar(upperJar));
        assertThat(VatClassSource.ofPath(java)).isEqualTo(new VatClassSource.JavaSource(java));
        assertThat(VatClassSource.ofPath(java).path()).isEqualTo(java);
    }

    @Test
    void aMissingPathIsReportedAsSuch() {
        Path missing = dir.resolve("nowhere.jar");

        assertThatThrownBy(() -> VatClassSource.ofPath(missing))
                .isInstanceOf(VatLoadException.class)
                .hasMessage("vat code " + missing + " does not exist");
    }

    @Test
    void aFileOfAnotherKindIsRefusedNamingTheAcceptedForms() throws Exception {
        Path text = Files.writeString(dir.resolve("counter.txt"), "");

        assertThatThrownBy(() -> VatClassSource.ofPath(text))
                .isInstanceOf(VatLoadException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("directory of .class files")
                .hasMessageContaining(".jar file")
                .hasMessageContaining(".java source file");
    }

    @Test
    void loadingASourceThatIsNotThereNamesTheVatAndThePath() throws Exception {
        Path missingJar = dir.resolve("gone.jar");
        Path notAJar = Files.writeString(dir.resolve("text.jar"), "not a zip");

        assertThatThrownBy(() -> VatClasses.load("bob", new VatClassSource.Jar(missingJar), ClassCheck.NONE))
                .isInstanceOf(VatLoadException.class)
                .hasMessage("vat bob: jar " + missingJar + " does not exist");
        assertThatThrownBy(() -> VatClasses.load("bob", new VatClassSource.Directory(missingJar), ClassCheck.NONE))
                .hasMessage("vat bob: class directory " + missingJar + " does not exist");
        assertThatThrownBy(() -> VatClasses.load("bob", new VatClassSource.JavaSource(dir.resolve("A.java")), ClassCheck.NONE))
                .hasMessage("vat bob: Java source " + dir.resolve("A.java") + " does not exist");
        assertThatThrownBy(() -> VatClasses.load("bob", new VatClassSource.Jar(notAJar), ClassCheck.NONE))
                .isInstanceOf(VatLoadException.class)
                .hasMessageStartingWith("vat bob: jar " + notAJar + " cannot be read: ");
    }
}
