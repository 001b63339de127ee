// Ordinary Java, as a vat would write it: everything here must pass the load-time verifier (and
// run). Used by VerifiedVatsTest.
import io.jocap.vat.Baggage;
import io.jocap.vat.Far;
import io.jocap.vat.Vat;
import io.jocap.vat.VatPowers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

public final class Ordinary implements Vat {
    // Static constants of immutable types.
    static final String GREETING = "hello";
    static final int LIMIT = 10;
    static final long BIG = 1L << 40;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Pattern WORDS = Pattern.compile("[a-z]+");
    static final Point ORIGIN = new Point(0, 0);
    static final Colour DEFAULT_COLOUR = Colour.RED;
    static final Money ZERO = new Money("EUR", 0);
    static final Shape UNIT = new Square(1);

    record Point(int x, int y) {
        Point {
            if (x < -1000) {
                throw new IllegalArgumentException("x too small: " + x);
            }
        }

        double distance() {
            return Math.sqrt((double) x * x + (double) y * y);
        }
    }

    enum Colour {
        RED,
        GREEN {
            @Override
            String label() {
                return "green!";
            }
        },
        BLUE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    sealed interface Shape permits Circle, Square {}

    record Circle(double r) implements Shape {}

    record Square(double side) implements Shape {}

    /** A value class: final, with final fields of immutable types. */
    static final class Money {
        private final String currency;
        private final long cents;

        Money(String currency, long cents) {
            this.currency = Objects.requireNonNull(currency);
            this.cents = cents;
        }

        Money plus(long more) {
            return new Money(currency, cents + more);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Money m && m.currency.equals(currency) && m.cents == cents;
        }

        @Override
        public int hashCode() {
            return Objects.hash(currency, cents);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %d.%02d", currency, cents / 100, cents % 100);
        }
    }

    interface Named {
        String name();

        default String greet() {
            return GREETING + ", " + name();
        }
    }

    static final class NotFound extends RuntimeException {
        NotFound(String what) {
            super("not found: " + what);
        }
    }

    @Override
    public Far buildRootObject(VatPowers powers, Map<String, Object> parameters, Baggage baggage) {
        return new Root();
    }

    public static final class Root implements Far {
        private final AtomicInteger calls = new AtomicInteger();
        private final List<String> out = new ArrayList<>();

        public String everything() {
            calls.incrementAndGet();
            out.clear();
            collections();
            streams();
            patterns();
            text();
            time();
            numbers();
            control();
            return String.join("\n", out);
        }

        private void put(String key, Object value) {
            out.add(key + "=" + value);
        }

        private void collections() {
            List<String> names = new ArrayList<>(List.of("carol", "alice", "bob"));
            Collections.sort(names);
            put("sorted", names);
            Collections.shuffle(names, new Random(7));
            names.sort(Comparator.naturalOrder());
            Map<String, Integer> lengths = new HashMap<>();
            for (String name : names) {
                lengths.merge(name.substring(0, 1), name.length(), Integer::sum);
            }
            put("lengths", new TreeMap<>(lengths));
            Map<Colour, Integer> byColour = new EnumMap<>(Colour.class);
            for (Colour c : EnumSet.allOf(Colour.class)) {
                byColour.computeIfAbsent(c, k -> k.label().length());
            }
            put("colours", byColour);
            Deque<Integer> deque = new ArrayDeque<>();
            deque.push(1);
            deque.addLast(2);
            PriorityQueue<Integer> queue = new PriorityQueue<>(Comparator.reverseOrder());
            queue.addAll(List.of(3, 9, 4));
            put("queue", queue.poll() + "," + deque.peekFirst());
            Set<String> seen = new LinkedHashSet<>(Arrays.asList("b", "a", "b"));
            Iterator<String> it = seen.iterator();
            put("first", it.next());
            int[] numbers = {5, 3, 1};
            int[] copy = numbers.clone();
            Arrays.sort(copy);
            int[][] grid = new int[2][3];
            grid[1][2] = 7;
            put("arrays", Arrays.toString(copy) + Arrays.deepToString(grid));
            Map.Entry<String, Integer> entry = Map.entry("k", 1);
            put("entry", entry.getKey() + entry.getValue());
            put("unmodifiable", Collections.unmodifiableList(names).size());
        }

        private void streams() {
            put("sum", IntStream.rangeClosed(1, LIMIT).filter(i -> i % 2 == 0).map(i -> i * i).sum());
            Map<Integer, List<String>> byLength = Stream.of("a", "bb", "cc", "ddd")
                    .collect(Collectors.groupingBy(String::length, TreeMap::new, Collectors.toList()));
            put("byLength", byLength);
            put("joined", Stream.of("x", "y", "z").map(String::toUpperCase).collect(Collectors.joining(",", "[", "]")));
            Optional<String> longest = Stream.of("pear", "fig", "banana").max(Comparator.comparingInt(String::length));
            put("longest", longest.orElse("none"));
            put("flat", Stream.of(List.of(1, 2), List.of(3)).flatMap(List::stream).reduce(0, Integer::sum));
            Function<Integer, Integer> twice = x -> x * 2;
            Supplier<Point> origin = () -> ORIGIN;
            BiFunction<Integer, Integer, Point> point = Point::new;
            put("functions", twice.andThen(x -> x + 1).apply(4) + " " + origin.get() + " " + point.apply(3, 4).distance());
            put("counted", Stream.iterate(1, n -> n < 100, n -> n * 3).count());
        }

        private void patterns() {
            List<Object> things = List.of(new Point(2, 2), new Point(1, 5), new Circle(1), Colour.GREEN, Colour.BLUE, "text", 42);
            StringJoiner described = new StringJoiner(";");
            for (Object thing : things) {
                described.add(describe(thing));
            }
            put("described", described);
            put("area", area(UNIT) + area(new Circle(2)));
            put("colourSwitch", colourCode(Colour.BLUE) + colourName(DEFAULT_COLOUR));
            put("day", dayKind(DayOfWeek.SATURDAY) + dayKind(DayOfWeek.MONDAY));
            Object maybe = "pattern";
            if (maybe instanceof String s && s.length() > 3) {
                put("instanceof", s.length());
            }
        }

        private static String describe(Object thing) {
            return switch (thing) {
                case Point(int x, int y) when x == y -> "diagonal " + x;
                case Point p -> "point " + p.x() + "/" + p.y();
                case Circle c -> "circle " + c.r();
                case Colour.GREEN -> "green";
                case Colour c -> "colour " + c.label();
                case String s -> "string " + s.length();
                default -> "other " + thing;
            };
        }

        private static double area(Shape shape) {
            return switch (shape) {
                case Circle c -> Math.PI * c.r() * c.r();
                case Square s -> s.side() * s.side();
            };
        }

        private static int colourCode(Colour colour) {
            switch (colour) {
                case RED:
                    return 1;
                case GREEN:
                    return 2;
                default:
                    return 3;
            }
        }

        private static String colourName(Colour colour) {
            return switch (colour) {
                case RED -> "r";
                case GREEN -> "g";
                case BLUE -> "b";
            };
        }

        private static String dayKind(DayOfWeek day) {
            switch (day) {
                case SATURDAY:
                case SUNDAY:
                    return "weekend";
                default:
                    return "weekday";
            }
        }

        private void text() {
            String block = """
                    Dear %s,
                      thanks.
                    """.formatted("Ann");
            put("block", block.lines().count());
            StringBuilder builder = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                builder.append(i).append(',');
            }
            builder.setLength(builder.length() - 1);
            put("builder", builder.reverse());
            put("format", String.format(Locale.ROOT, "%05d|%.2f|%s", 42, 3.14159, true));
            String command = "stop";
            put("switch", switch (command) {
                case "go" -> 1;
                case "stop" -> 2;
                default -> 0;
            });
            Matcher words = WORDS.matcher("one two three");
            int count = 0;
            while (words.find()) {
                count++;
            }
            put("words", count + " " + "a-b-c".split("-").length + " " + "  x ".strip() + "ab".repeat(2));
            byte[] bytes = "vat".getBytes(StandardCharsets.UTF_8);
            put("encoded", Base64.getEncoder().encodeToString(bytes) + " " + HexFormat.of().formatHex(bytes));
            put("uuid", UUID.nameUUIDFromBytes(bytes));
            put("chars", "a1b2".chars().filter(Character::isDigit).count());
            Named named = () -> "bob";
            put("named", named.greet());
            Named anonymous = new Named() {
                @Override
                public String name() {
                    return "anon";
                }
            };
            put("anonymous", anonymous.greet());
        }

        private void time() {
            put("duration", Duration.ofMinutes(90).toHours() + " " + TIMEOUT.plusSeconds(5).getSeconds());
            LocalDate leap = LocalDate.of(2024, 2, 28).plusDays(1);
            put("date", leap + " " + leap.getDayOfWeek() + " " + Period.between(LocalDate.of(2000, 1, 1), leap).getYears());
            LocalDateTime at = LocalDateTime.of(2024, 3, 1, 12, 30);
            put("formatted", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(at));
            put("instant", Instant.ofEpochSecond(86_400).plus(1, ChronoUnit.HOURS));
            put("zoned", ZonedDateTime.of(at, ZoneOffset.UTC).toEpochSecond());
            put("days", ChronoUnit.DAYS.between(LocalDate.of(2024, 1, 1), leap));
        }

        private void numbers() {
            put("pow", BigInteger.TWO.pow(100));
            put("divide", BigDecimal.TEN.divide(new BigDecimal("3"), 5, RoundingMode.HALF_EVEN));
            put("math", Math.floorMod(-7, 3) + " " + Math.max(2, 9) + " " + Math.abs(-4.5) + " " + Math.round(2.5));
            put("parse", Integer.parseInt("123") + Long.parseLong("7") + " " + Long.toHexString(BIG) + " " + Double.compare(1.0, 2.0));
            put("random", new Random(42).nextInt(100));
            put("money", ZERO.plus(1234) + " " + ZERO.equals(new Money("EUR", 0)) + " " + (ZERO.hashCode() == new Money("EUR", 0).hashCode()));
            put("varargs", sum(1, 2, 3));
        }

        private static int sum(int... values) {
            return Arrays.stream(values).sum();
        }

        private void control() {
            try (AutoCloseable resource = () -> out.add("closed")) {
                put("inside", true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            try {
                lookup("nothing");
            } catch (NotFound e) {
                put("caught", e.getMessage());
            } finally {
                put("finally", true);
            }
            assert calls.get() > 0 : "called";
            int found = -1;
            outer:
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    if (i * j == 6) {
                        found = i * 10 + j;
                        break outer;
                    }
                }
            }
            put("labelled", found);
            put("calls", calls.get());
            put("generic", firstOf(List.of("g", "h")));
        }

        private static String lookup(String what) {
            throw new NotFound(what);
        }

        private static <T> T firstOf(List<T> values) {
            return values.get(0);
        }
    }
}
