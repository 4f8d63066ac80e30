public enum KaoheVersion {
    public static let string = "0.1.0"
}
