package io.jocap.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Configs that break the rules, and exactly what the parser says about them. */
class ClusterConfigProblemsTest {
    static final Path BASE = Path.of("/configs/demo").toAbsolutePath();

    /** Test configs use single quotes, to stay readable in Java strings. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** The problems of a config that must be refused; also checks that the message lists them. */
    static List<String> problems(String singleQuoted) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ClusterConfigParser.parse(json(singleQuoted), BASE));
        assertThat(e).as("a ConfigException for %s", singleQuoted).isNotNull();
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
        return e.problems();
    }

    /** A config whose only vat, "v", has {@code vatBody} as its members. */
    static List<String> vatProblems(String vatBody) {
        return problems("{'vats':{'v':{" + vatBody + "}}}");
    }

    @Nested
    class TopLevel {
        @Test
        void mustBeAnObject() {
            assertThat(problems("[1]")).containsExactly("(top level): a cluster config is a JSON object, got a list");
            assertThat(problems("'vats'")).containsExactly("(top level): a cluster config is a JSON object, got a string");
            assertThat(problems("null")).containsExactly("(top level): a cluster config is a JSON object, got null");
        }

        @Test
        void malformedJsonIsOneProblemWithThePosition() {
            assertThat(problems("{\n  'vats': }")).containsExactly(
                    "(top level): not valid JSON: unexpected '}', expected a JSON value at position 12 (line 2, column 11)");
            assertThat(problems("")).containsExactly(
                    "(top level): not valid JSON: unexpected end of input, expected a JSON value at position 0 (line 1, column 1)");
            assertThat(problems("{'vats':{}} x")).containsExactly(
                    "(top level): not valid JSON: unexpected 'x' after the JSON value at position 12 (line 1, column 13)");
        }

        @Test
        void jsonNestedTooDeeplyIsOneProblem() {
            String deep = "{'vats':{'v':{'source':'V.java','parameters':{'p':" + "[".repeat(200) + "]".repeat(200) + "}}}}";

            assertThat(problems(deep)).containsExactly(
                    "(top level): JSON nested deeper than 128 levels at position 174 (line 1, column 175)");
        }

        @Test
        void vatsIsRequiredAndIsANonEmptyObject() {
            assertThat(problems("{}")).containsExactly("vats: required");
            assertThat(problems("{'vats':['a']}")).containsExactly("vats: expected an object, got a list");
            assertThat(problems("{'vats':{}}")).containsExactly("vats: must name at least one vat");
        }

        @Test
        void unknownFieldsAreErrorsWithASuggestionWhenOneIsClose() {
            assertThat(problems("{'vat':{},'vats':{'v':{'source':'V.java'}},'bootstarp':'v','extra':1}")).containsExactly(
                    "vat: unknown field; did you mean \"vats\"?",
                    "bootstarp: unknown field; did you mean \"bootstrap\"?",
                    "extra: unknown field; known fields: \"bootstrap\", \"services\" and \"vats\"");
        }

        @Test
        void bootstrapMustNameAVat() {
            assertThat(problems("{'bootstrap':'alise','vats':{'alice':{'source':'A.java'},'bob':{'source':'B.java'}}}"))
                    .containsExactly("bootstrap: names no vat (\"alise\"); the vats are alice, bob");
            assertThat(problems("{'bootstrap':'','vats':{'alice':{'source':'A.java'}}}"))
                    .containsExactly("bootstrap: names no vat (\"\"); the vats are alice");
        }

        @Test
        void bootstrapIsAString() {
            assertThat(problems("{'bootstrap':1,'vats':{'v':{'source':'V.java'}}}"))
                    .containsExactly("bootstrap: expected a string (a vat name), got a number");
            // An optional field may be left out, but null is not a way of leaving it out.
            assertThat(problems("{'bootstrap':null,'vats':{'v':{'source':'V.java'}}}"))
                    .containsExactly("bootstrap: expected a string (a vat name), got null");
        }

        @Test
        void aLongListOfVatsIsCutInTheBootstrapMessage() {
            StringBuilder vats = new StringBuilder();
            for (int i = 0; i < 25; i++) {
                vats.append(i == 0 ? "" : ",").append("'v").append(i).append("':{'source':'V.java'}");
            }

            assertThat(problems("{'bootstrap':'w','vats':{" + vats + "}}")).containsExactly(
                    "bootstrap: names no vat (\"w\"); the vats are v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12,"
                            + " v13, v14, v15, v16, v17, v18, v19 and 5 more");
        }

        @Test
        void servicesAreDistinctNonEmptyStrings() {
            assertThat(problems("{'services':'kernelFacet','vats':{'v':{'source':'V.java'}}}"))
                    .containsExactly("services: expected a list of strings, got a string");
            assertThat(problems("{'services':['a',2,'','a',null],'vats':{'v':{'source':'V.java'}}}")).containsExactly(
                    "services[1]: expected a string, got a number",
                    "services[2]: must not be empty",
                    "services[3]: \"a\" is already listed at [0]",
                    "services[4]: expected a string, got null");
        }
    }

    @Nested
    class VatNames {
        @Test
        void mustBeALetterThenUpTo63LettersDigitsUnderscoresOrHyphens() {
            String rule = ": not a valid vat name (a letter, then up to 63 letters, digits, '_' or '-')";
            String tooLong = "v".repeat(65);

            assertThat(problems("{'vats':{'9lives':{'source':'A.java'},'my vat':{'source':'B.java'},'':{'source':'C.java'},'"
                            + tooLong + "':{'source':'D.java'},'_x':{'source':'E.java'},'ok':{'source':'F.java'}}}"))
                    .containsExactly(
                            "vats[\"9lives\"]" + rule,
                            "vats[\"my vat\"]" + rule,
                            "vats[\"\"]" + rule,
                            "vats." + tooLong + rule,
                            "vats._x" + rule);
        }

        @Test
        void aNameWithALineBreakStaysOnOneLine() {
            List<String> problems = problems("{'vats':{'a\\nb':{'sorce':'A.java'}},'bootstrap':'x'}");

            assertThat(problems).containsExactly(
                    "bootstrap: names no vat (\"x\"); the vats are \"a\\nb\"",
                    "vats[\"a\\nb\"]: not a valid vat name (a letter, then up to 63 letters, digits, '_' or '-')",
                    "vats[\"a\\nb\"].sorce: unknown field; did you mean \"source\"?",
                    "vats[\"a\\nb\"]: give exactly one of \"source\", \"jar\" or \"directory\" (it has none)");
            assertThat(problems).noneMatch(line -> line.contains("\n"));
        }

        @Test
        void aVatIsAnObject() {
            assertThat(problems("{'vats':{'alice':'Alice.java','bob':[]}}")).containsExactly(
                    "vats.alice: expected an object (the vat's config), got a string",
                    "vats.bob: expected an object (the vat's config), got a list");
        }
    }

    @Nested
    class CodeLocation {
        @Test
        void exactlyOneIsGiven() {
            assertThat(problems("{'vats':{'bob':{'class':'B'}}}")).containsExactly(
                    "vats.bob: give exactly one of \"source\", \"jar\" or \"directory\" (it has none)");
            assertThat(problems("{'vats':{'bob':{'jar':'b.jar','source':'B.java','class':'B'}}}")).containsExactly(
                    "vats.bob: give exactly one of \"source\", \"jar\" or \"directory\" (it has \"jar\" and \"source\")");
            assertThat(problems("{'vats':{'bob':{'source':'B.java','directory':'d','jar':'b.jar','class':'B'}}}"))
                    .containsExactly("vats.bob: give exactly one of \"source\", \"jar\" or \"directory\""
                            + " (it has \"source\", \"directory\" and \"jar\")");
        }

        @Test
        void everyLocationGivenIsCheckedEvenWhenThereAreTooMany() {
            assertThat(problems("{'vats':{'bob':{'jar':'b.zip','source':'','class':'B'}}}")).containsExactly(
                    "vats.bob.source: must not be empty",
                    "vats.bob.jar: expected a file name ending in \".jar\", got \"b.zip\"",
                    "vats.bob: give exactly one of \"source\", \"jar\" or \"directory\" (it has \"jar\" and \"source\")");
        }

        @Test
        void aJarOrADirectoryNeedsAClass() {
            assertThat(problems("{'vats':{'bob':{'jar':'lib/bob.jar'},'carol':{'directory':'build/classes'}}}"))
                    .containsExactly("vats.bob.class: required with \"jar\"", "vats.carol.class: required with \"directory\"");
        }

        @Test
        void theClassIsABinaryName() {
            String rule = "; expected dot-separated Java identifiers, such as \"com.example.BobVat\""
                    + " or \"com.example.Outer$Inner\"";

            assertThat(problems("{'vats':{'a':{'jar':'a.jar','class':'com..A'},'b':{'jar':'b.jar','class':'com.example.class'},"
                            + "'c':{'source':'C.java','class':'1C'},'d':{'directory':'d','class':'a.b.'},"
                            + "'e':{'directory':'e','class':'a-b.E'},'f':{'directory':'f','class':''}}}"))
                    .containsExactly(
                            "vats.a.class: not a valid Java binary class name (\"com..A\")" + rule,
                            "vats.b.class: not a valid Java binary class name (\"com.example.class\")" + rule,
                            "vats.c.class: not a valid Java binary class name (\"1C\")" + rule,
                            "vats.d.class: not a valid Java binary class name (\"a.b.\")" + rule,
                            "vats.e.class: not a valid Java binary class name (\"a-b.E\")" + rule,
                            "vats.f.class: not a valid Java binary class name (\"\")" + rule);
        }

        @Test
        void theClassIsAString() {
            assertThat(vatProblems("'jar':'v.jar','class':42")).containsExactly(
                    "vats.v.class: expected a string (a binary class name), got a number");
        }

        @Test
        void aSourceIsAJavaFileAndAJarAJar() {
            assertThat(vatProblems("'source':'vats/Alice.txt'")).containsExactly(
                    "vats.v.source: expected a file name ending in \".java\", got \"vats/Alice.txt\"");
            assertThat(vatProblems("'source':'vats/.java'")).containsExactly(
                    "vats.v.source: expected a file name ending in \".java\", got \"vats/.java\"");
            assertThat(vatProblems("'source':'vats/A.java/..'")).containsExactly(
                    "vats.v.source: expected a file name ending in \".java\", got \"vats/A.java/..\"");
            assertThat(vatProblems("'jar':'lib/bob.zip','class':'B'")).containsExactly(
                    "vats.v.jar: expected a file name ending in \".jar\", got \"lib/bob.zip\"");
        }

        @Test
        void aPathIsANonEmptyString() {
            assertThat(vatProblems("'source':''")).containsExactly("vats.v.source: must not be empty");
            assertThat(vatProblems("'directory':'','class':'C'")).containsExactly("vats.v.directory: must not be empty");
            assertThat(vatProblems("'jar':['a.jar'],'class':'C'")).containsExactly(
                    "vats.v.jar: expected a string (a path), got a list");
        }

        @Test
        void aPathTheFileSystemCannotSayIsReported() {
            assertThat(vatProblems("'source':'A\\u0000.java'")).singleElement().asString()
                    .startsWith("vats.v.source: not a valid path (\"A\\u0000.java\"): ");
        }
    }

    @Nested
    class VatFields {
        @Test
        void unknownFieldsAreErrorsWithASuggestionWhenOneIsClose() {
            assertThat(problems("{'vats':{'alice':{'source':'A.java','endowment':['timers'],'Class':'A','jra':1,'params':{},"
                            + "'network':{'allowedHost':['x'],'proxy':'p'}}}}"))
                    .containsExactly(
                            "vats.alice.endowment: unknown field; did you mean \"endowments\"?",
                            "vats.alice.Class: unknown field; did you mean \"class\"?",
                            "vats.alice.jra: unknown field; did you mean \"jar\"?",
                            "vats.alice.params: unknown field; known fields: \"source\", \"jar\", \"directory\", \"class\","
                                    + " \"parameters\", \"endowments\", \"globals\", \"network\", \"worker\" and \"maxHeapMb\"",
                            "vats.alice.network.allowedHost: unknown field; did you mean \"allowedHosts\"?",
                            "vats.alice.network.proxy: unknown field; known fields: \"allowedHosts\"");
        }

        @Test
        void parametersAreAnObject() {
            assertThat(vatProblems("'source':'V.java','parameters':[1]")).containsExactly(
                    "vats.v.parameters: expected an object, got a list");
            assertThat(vatProblems("'source':'V.java','parameters':null")).containsExactly(
                    "vats.v.parameters: expected an object, got null");
        }

        @Test
        void endowmentsAreDistinctNonEmptyStrings() {
            assertThat(vatProblems("'source':'V.java','endowments':'timers'")).containsExactly(
                    "vats.v.endowments: expected a list of strings, got a string");
            assertThat(vatProblems("'source':'V.java','endowments':['timers',1,'','timers',{}]")).containsExactly(
                    "vats.v.endowments[1]: expected a string, got a number",
                    "vats.v.endowments[2]: must not be empty",
                    "vats.v.endowments[3]: \"timers\" is already listed at [0]",
                    "vats.v.endowments[4]: expected a string, got an object");
            assertThat(vatProblems("'source':'V.java','globals':[true]")).containsExactly(
                    "vats.v.globals[0]: expected a string, got a boolean");
        }

        @Test
        void endowmentsAndGlobalsAreNotBothGiven() {
            assertThat(vatProblems("'source':'V.java','endowments':['timers'],'globals':['timers']")).containsExactly(
                    "vats.v: give \"endowments\" or its synonym \"globals\", not both");
        }

        @Test
        void networkHasOnlyAListOfAllowedHosts() {
            assertThat(vatProblems("'source':'V.java','network':'api.example.com'")).containsExactly(
                    "vats.v.network: expected an object, got a string");
            assertThat(vatProblems("'source':'V.java','network':{'allowedHosts':{'a':1}}")).containsExactly(
                    "vats.v.network.allowedHosts: expected a list of strings, got an object");
            assertThat(vatProblems("'source':'V.java','network':{'allowedHosts':['a','b','a','']}")).containsExactly(
                    "vats.v.network.allowedHosts[2]: \"a\" is already listed at [0]",
                    "vats.v.network.allowedHosts[3]: must not be empty");
        }

        @Test
        void workerIsInProcessOrProcess() {
            assertThat(vatProblems("'source':'V.java','worker':'inprocess'")).containsExactly(
                    "vats.v.worker: expected \"inProcess\", \"process\" or \"vatThread\", got \"inprocess\"; did you mean \"inProcess\"?");
            assertThat(vatProblems("'source':'V.java','worker':'thread'")).containsExactly(
                    "vats.v.worker: expected \"inProcess\", \"process\" or \"vatThread\", got \"thread\"");
            assertThat(vatProblems("'source':'V.java','worker':true")).containsExactly(
                    "vats.v.worker: expected \"inProcess\", \"process\" or \"vatThread\", got a boolean");
            assertThat(vatProblems("'source':'V.java','worker':'kernelThread'")).containsExactly(
                    "vats.v.worker: expected \"inProcess\", \"process\" or \"vatThread\", got \"kernelThread\";"
                            + " turns on the kernel's thread are what \"inProcess\" (the default) does now");
        }

        @Test
        void maxHeapMbIsAWholeNumberInRange() {
            String rule = "expected a whole number of MiB from 16 to 65536, got ";
            assertThat(vatProblems("'source':'V.java','worker':'process','maxHeapMb':'64'")).containsExactly(
                    "vats.v.maxHeapMb: " + rule + "a string");
            assertThat(vatProblems("'source':'V.java','worker':'process','maxHeapMb':null")).containsExactly(
                    "vats.v.maxHeapMb: " + rule + "null");
            assertThat(vatProblems("'source':'V.java','worker':'process','maxHeapMb':12.5")).containsExactly(
                    "vats.v.maxHeapMb: " + rule + "12.5");
            assertThat(vatProblems("'source':'V.java','worker':'process','maxHeapMb':15")).containsExactly(
                    "vats.v.maxHeapMb: " + rule + "15");
            assertThat(vatProblems("'source':'V.java','worker':'process','maxHeapMb':65537")).containsExactly(
                    "vats.v.maxHeapMb: " + rule + "65537");
            assertThat(vatProblems("'source':'V.java','worker':'process','maxHeapMb':1e300")).containsExactly(
                    "vats.v.maxHeapMb: " + rule + "1e+300");
        }

        @Test
        void maxHeapMbIsOnlyForAVatInItsOwnProcess() {
            String problem = "vats.v.maxHeapMb: only for \"worker\": \"process\" (a vat in the kernel's JVM shares"
                    + " the kernel's heap)";
            assertThat(vatProblems("'source':'V.java','maxHeapMb':64")).containsExactly(problem);
            assertThat(vatProblems("'source':'V.java','worker':'inProcess','maxHeapMb':64")).containsExactly(problem);
            // A worker that is itself wrong is reported alone: which rule applies is unknown.
            assertThat(vatProblems("'source':'V.java','worker':'proces','maxHeapMb':64")).containsExactly(
                    "vats.v.worker: expected \"inProcess\", \"process\" or \"vatThread\", got \"proces\"; did you mean \"process\"?");
        }
    }

    @Test
    void everyProblemIsReportedInOneException() {
        String config = """
                {
                  'bootstrap': 'alise',
                  'services': ['kernelFacet', 'kernelFacet'],
                  'vats': {
                    'alice': { 'source': 'vats/Alice.java', 'parameters': 'hi', 'endowment': ['timers'] },
                    'bob':   { 'jar': 'lib/bob.jar', 'source': 'Bob.java', 'endowments': ['timers', 'timers'] },
                    'carol': { 'directory': 'build/classes', 'network': { 'allowedHosts': [1] }, 'worker': 'proces' }
                  },
                  'servises': []
                }""";

        assertThat(problems(config)).containsExactly(
                "servises: unknown field; did you mean \"services\"?",
                "services[1]: \"kernelFacet\" is already listed at [0]",
                "bootstrap: names no vat (\"alise\"); the vats are alice, bob, carol",
                "vats.alice.endowment: unknown field; did you mean \"endowments\"?",
                "vats.alice.parameters: expected an object, got a string",
                "vats.bob: give exactly one of \"source\", \"jar\" or \"directory\" (it has \"jar\" and \"source\")",
                "vats.bob.endowments[1]: \"timers\" is already listed at [0]",
                "vats.carol.class: required with \"directory\"",
                "vats.carol.network.allowedHosts[0]: expected a string, got a number",
                "vats.carol.worker: expected \"inProcess\", \"process\" or \"vatThread\", got \"proces\"; did you mean \"process\"?");
    }

    @Nested
    class OneVatAlone {
        static List<String> problems(String singleQuoted, String name) {
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> ClusterConfigParser.parseVat(json(singleQuoted), name, BASE));
            assertThat(e).as("a ConfigException for %s", singleQuoted).isNotNull();
            return e.problems();
        }

        @Test
        void problemsHaveTheVatsPath() {
            assertThat(problems("{'jar':'lib/bob.jar','globals':[''],'worker':'x'}", "bob")).containsExactly(
                    "vats.bob.class: required with \"jar\"",
                    "vats.bob.globals[0]: must not be empty",
                    "vats.bob.worker: expected \"inProcess\", \"process\" or \"vatThread\", got \"x\"");
        }

        @Test
        void theNameIsChecked() {
            assertThat(problems("{'source':'A.java'}", "no good")).containsExactly(
                    "vats[\"no good\"]: not a valid vat name (a letter, then up to 63 letters, digits, '_' or '-')");
        }

        @Test
        void malformedJsonAndNonObjectsAreReportedAtTheVat() {
            assertThat(problems("{'source'", "bob")).containsExactly(
                    "vats.bob: not valid JSON: unexpected end of input, expected ':' after a property name"
                            + " at position 9 (line 1, column 10)");
            assertThat(problems("['A.java']", "bob")).containsExactly(
                    "vats.bob: expected an object (the vat's config), got a list");
        }

        @Test
        void parametersNestingDeeperThanAClusterConfigCouldHoldAreRefused() {
            // Alone, a vat's parameters could nest deeper than they can inside a cluster config.
            String deep = "{'source':'V.java','parameters':{'p':" + "[".repeat(125) + "]".repeat(125) + "}}";

            assertThat(problems(deep, "v")).singleElement().asString()
                    .startsWith("vats.v.parameters.p[0][0]")
                    .endsWith(": parameters nest deeper than 125 levels");
        }
    }

    @Test
    void aConfigExceptionNeedsAProblemAndKeepsItsOwnCopy() {
        List<String> lines = new java.util.ArrayList<>(List.of("a: b"));
        ConfigException e = new ConfigException(lines);
        lines.add("c: d");

        assertThat(e.problems()).containsExactly("a: b");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new ConfigException(List.of())))
                .hasMessage("a ConfigException needs at least one problem");
    }
}
