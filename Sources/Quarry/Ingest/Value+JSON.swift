extension Value {
    /// The value a JSON text stands for, read as a JSON file's cells are: arrays as arrays,
    /// objects as records with their fields in the order written, whole numbers as integers.
    ///
    /// - Throws: `DataLoadError` naming the place, when the text is not one JSON value.
    public init(json text: String) throws(DataLoadError) {
        var utf8 = text
        let parsed: Result<Value, DataLoadError> = utf8.withUTF8 { buffer in
            var parser = JSONParser(bytes: UnsafeRawBufferPointer(buffer), file: "<json>")
            do throws(DataLoadError) {
                parser.skipSpace()
                let value = JSONParser.value(try parser.cell(), in: UnsafeRawBufferPointer(buffer))
                parser.skipSpace()
                guard parser.position == buffer.count else { throw parser.error("text after the JSON value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        self = try parsed.get()
    }
}
