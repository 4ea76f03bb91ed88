package dev.plc;

public final class Main {
    public static void main(String[] args) {
    }
}
