/// Quarry: a query and scripting language over collections of records.
public enum QuarryVersion {
    public static let string = "0.1.0"
}
