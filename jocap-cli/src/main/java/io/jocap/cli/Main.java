package io.jocap.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("jocap " + Runtime.version());
    }
}
