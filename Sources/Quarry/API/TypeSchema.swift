import Foundation

extension Schema {
    /// The fields a `Decodable` type declares, in declaration order, typed from the property
    /// types: `Int` → int, `Double`/`Float` → float, `Bool` → bool, `String` → string, `Date` and
    /// `QuarryDate` → date, arrays → arrays, anything else → any. An optional property is a
    /// field that may be null. Nil when the type cannot be read this way (a custom `init(from:)`
    /// that checks its values, say); the caller then types fields from the values.
    ///
    /// A saved query keeps compiling whatever today's data holds: a field that is nil in every
    /// row, or a collection with no rows at all, still has its fields.
    public init?<T: Decodable>(of type: T.Type) {
        let recorder = SchemaRecorder()
        guard (try? T(from: recorder)) != nil, !recorder.fields.isEmpty else { return nil }
        self.init(recorder.fields)
    }
}

/// A `Decoder` that answers every request with a placeholder and writes down what was asked:
/// the keys of the top-level keyed container, in order, with the type asked for each.
private final class SchemaRecorder: Decoder {
    var fields: [Field] = []
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    /// Below the top level only placeholders are made; nothing is recorded.
    let recording: Bool

    init(recording: Bool = true) { self.recording = recording }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedRecorder<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer { EmptyUnkeyed() }

    func singleValueContainer() throws -> SingleValueDecodingContainer { Placeholder() }

    func record(_ key: CodingKey, _ type: FieldType) {
        guard recording, !fields.contains(where: { $0.name == key.stringValue }) else { return }
        fields.append(Field(key.stringValue, type))
    }

    /// The field type of a property type, and a placeholder value of it.
    static func placeholder<T: Decodable>(_ type: T.Type) throws -> (T, FieldType) {
        if let wrapped = type as? any WrappedValue.Type { return try wrapped.placeholder() as! (T, FieldType) }
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type, is Int16.Type, is Int8.Type,
             is UInt.Type, is UInt64.Type, is UInt32.Type, is UInt16.Type, is UInt8.Type:
            return (try T(from: SchemaRecorder(recording: false)), .int)
        case is Double.Type, is Float.Type: return (try T(from: SchemaRecorder(recording: false)), .double)
        case is Bool.Type: return (try T(from: SchemaRecorder(recording: false)), .bool)
        case is String.Type: return (try T(from: SchemaRecorder(recording: false)), .string)
        case is Date.Type: return (Date(timeIntervalSince1970: 0) as! T, .date)
        case is QuarryDate.Type: return (QuarryDate.day(1970, 1, 1) as! T, .date)
        case is URL.Type: return (URL(fileURLWithPath: "/") as! T, .string)
        default:
            let value = try T(from: SchemaRecorder(recording: false))
            if let elements = value as? any ArrayOfDecodables { return (value, .array(elements.elementFieldType)) }
            return (value, .any)
        }
    }
}

/// `Wrapped<T>`, seen through: its placeholder is T's.
private protocol WrappedValue { static func placeholder() throws -> (Any, FieldType) }

extension Wrapped: WrappedValue {
    static func placeholder() throws -> (Any, FieldType) {
        let (value, field) = try SchemaRecorder.placeholder(T.self)
        return (Wrapped(plain: value), field)
    }
    init(plain: T) { value = plain }
}

/// `[Element]` for any decodable element: lets the recorder say what an array holds.
private protocol ArrayOfDecodables { var elementFieldType: FieldType { get } }

extension Array: ArrayOfDecodables where Element: Decodable {
    var elementFieldType: FieldType { (try? SchemaRecorder.placeholder(Element.self).1) ?? .any }
}

private struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: SchemaRecorder
    var codingPath: [CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (value, field) = try SchemaRecorder.placeholder(type)
        decoder.record(key, field)
        return value
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let (_, field) = try SchemaRecorder.placeholder(type)
        decoder.record(key, field)
        return nil
    }

    // The standard library's defaults for these would not reach the generic forms above.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(Wrapped<Bool>.self, forKey: key).value }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(Wrapped<Bool>.self, forKey: key)?.value }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(Wrapped<String>.self, forKey: key).value }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(Wrapped<String>.self, forKey: key)?.value }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(Wrapped<Double>.self, forKey: key).value }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(Wrapped<Double>.self, forKey: key)?.value }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(Wrapped<Float>.self, forKey: key).value }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decodeIfPresent(Wrapped<Float>.self, forKey: key)?.value }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(Wrapped<Int>.self, forKey: key).value }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(Wrapped<Int>.self, forKey: key)?.value }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(Wrapped<Int8>.self, forKey: key).value }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decodeIfPresent(Wrapped<Int8>.self, forKey: key)?.value }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(Wrapped<Int16>.self, forKey: key).value }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decodeIfPresent(Wrapped<Int16>.self, forKey: key)?.value }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(Wrapped<Int32>.self, forKey: key).value }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decodeIfPresent(Wrapped<Int32>.self, forKey: key)?.value }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(Wrapped<Int64>.self, forKey: key).value }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeIfPresent(Wrapped<Int64>.self, forKey: key)?.value }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(Wrapped<UInt>.self, forKey: key).value }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decodeIfPresent(Wrapped<UInt>.self, forKey: key)?.value }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(Wrapped<UInt8>.self, forKey: key).value }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decodeIfPresent(Wrapped<UInt8>.self, forKey: key)?.value }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(Wrapped<UInt16>.self, forKey: key).value }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decodeIfPresent(Wrapped<UInt16>.self, forKey: key)?.value }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(Wrapped<UInt32>.self, forKey: key).value }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decodeIfPresent(Wrapped<UInt32>.self, forKey: key)?.value }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(Wrapped<UInt64>.self, forKey: key).value }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decodeIfPresent(Wrapped<UInt64>.self, forKey: key)?.value }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        decoder.record(key, .any)
        return KeyedDecodingContainer(KeyedRecorder<NestedKey>(decoder: SchemaRecorder(recording: false)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        decoder.record(key, .array(.any))
        return EmptyUnkeyed()
    }

    func superDecoder() throws -> Decoder { SchemaRecorder(recording: false) }
    func superDecoder(forKey key: Key) throws -> Decoder { SchemaRecorder(recording: false) }
}

/// A plain value decoded through the generic path, so that one place types it.
private struct Wrapped<T: Decodable>: Decodable {
    let value: T
    init(from decoder: Decoder) throws { value = try T(from: decoder) }
}

/// An empty array.
private struct EmptyUnkeyed: UnkeyedDecodingContainer {
    var codingPath: [CodingKey] { [] }
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }

    private func exhausted() -> DecodingError {
        DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "placeholder array"))
    }
    mutating func decodeNil() throws -> Bool { throw exhausted() }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { throw exhausted() }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> { throw exhausted() }
    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { throw exhausted() }
    mutating func superDecoder() throws -> Decoder { throw exhausted() }
}

/// A single value: zero, false, the empty string.
private struct Placeholder: SingleValueDecodingContainer {
    var codingPath: [CodingKey] { [] }
    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { false }
    func decode(_ type: String.Type) throws -> String { "" }
    func decode(_ type: Double.Type) throws -> Double { 0 }
    func decode(_ type: Float.Type) throws -> Float { 0 }
    func decode(_ type: Int.Type) throws -> Int { 0 }
    func decode(_ type: Int8.Type) throws -> Int8 { 0 }
    func decode(_ type: Int16.Type) throws -> Int16 { 0 }
    func decode(_ type: Int32.Type) throws -> Int32 { 0 }
    func decode(_ type: Int64.Type) throws -> Int64 { 0 }
    func decode(_ type: UInt.Type) throws -> UInt { 0 }
    func decode(_ type: UInt8.Type) throws -> UInt8 { 0 }
    func decode(_ type: UInt16.Type) throws -> UInt16 { 0 }
    func decode(_ type: UInt32.Type) throws -> UInt32 { 0 }
    func decode(_ type: UInt64.Type) throws -> UInt64 { 0 }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try SchemaRecorder.placeholder(type).0 }
}
