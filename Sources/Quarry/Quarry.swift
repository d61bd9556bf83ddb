/// Quarry: a query and scripting language over collections of records.
public enum QuarryVersion {
    /// The version of the language and its tools.
    public static let string = "0.1.0"
}
