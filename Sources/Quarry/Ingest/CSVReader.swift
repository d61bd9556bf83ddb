import Foundation

/// How a delimited file is written.
public struct CSVOptions: Sendable, Hashable {
    /// The field separator: `,` by default, `\t` for TSV, `;` for much of Europe.
    public var delimiter: UInt8
    /// The quote character around fields that hold delimiters, quotes or line breaks.
    public var quote: UInt8
    /// Whether the first record names the columns; without one they are `column1`, `column2`…
    public var header: Bool

    public init(delimiter: Character = ",", quote: Character = "\"", header: Bool = true) {
        self.delimiter = delimiter.asciiValue ?? 0x2C
        self.quote = quote.asciiValue ?? 0x22
        self.header = header
    }
}

/// RFC 4180 records read straight into typed columns: quoted fields may hold delimiters, doubled
/// quotes and line breaks; CRLF and a UTF-8 byte order mark are accepted. The file is cut into
/// one chunk per core at record boundaries (quotes counted from the start, so a line break inside
/// a quoted field is never a cut), the chunks are read at once, and their columns joined.
struct CSVReader: @unchecked Sendable {
    /// The file's bytes, alive and unchanged while the reader runs (hence `@unchecked`).
    let bytes: UnsafeRawBufferPointer
    let options: CSVOptions
    let file: String
    /// Types named by the user, by column name.
    let schema: [String: LoadedType]
    let progress: (@Sendable (Double) -> Void)?

    /// What the first records say: each column's type, the average record's length (to size
    /// the columns) and each column's share of distinct values (to size its dictionary).
    struct Sample {
        var types: [LoadedType]
        var recordBytes: Int
        var distinctShares: [Double]
    }

    struct Result {
        var names: [String]
        var types: [LoadedType]
        var columns: [Column]
        var warnings: [DataLoadWarning]
    }

    func read() throws(DataLoadError) -> Result {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        // The header's bytes are checked here; each chunk's, by the core that reads it.
        let headerEnd = min(bytes.count, (bytes[start...].firstIndex(of: 0x0A) ?? bytes.count - 1) + 1)
        if let bad = UTF8Check.firstInvalid(bytes, from: 0, to: headerEnd) {
            throw DataLoadError(file: file, line: UTF8Check.line(of: bad, in: bytes, from: 0, firstLine: 1), reason: "not UTF-8 text")
        }
        // The header: the first record.
        var names: [String] = []
        var bodyStart = start
        var firstLine = 1
        if options.header {
            var fields: [String] = []
            let end = try scanRecord(from: start, line: 1) { field, _ in fields.append(String(decoding: field, as: UTF8.self)) }
            names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
            bodyStart = end.next
            firstLine = 1 + end.lines
            try checkHeader(names)
        } else {
            var count = 0
            _ = try scanRecord(from: start, line: 1) { _, _ in count += 1 }
            names = (1...max(count, 1)).map { "column\($0)" }
        }
        guard !names.isEmpty, !(names.count == 1 && names[0].isEmpty && bodyStart >= bytes.count) else {
            throw DataLoadError(file: file, line: 1, reason: "no header row")
        }
        let chunks = cut(from: bodyStart, firstLine: firstLine)
        let sample = try self.sample(names: names, chunk: chunks[0])
        var types = sample.types
        // Read; a value that does not fit an inferred type widens it and the file is read again.
        for _ in 0..<4 {
            var parts = try readChunks(chunks, columns: names.count, types: types, sample: sample)
            var widened = false
            for c in names.indices {
                guard let misfit = parts.lazy.compactMap({ $0[c].misfit }).min(by: { $0.line < $1.line }) else { continue }
                if let declared = schema[names[c]] {
                    throw DataLoadError(file: file, line: misfit.line, column: names[c], reason: "'\(misfit.text.prefix(40))' is not \(Self.article(declared)) \(declared.rawValue)")
                }
                types[c] = types[c].widened(with: misfit.fits)
                widened = true
            }
            if widened { continue }
            var warnings: [DataLoadWarning] = []
            for c in names.indices {
                for part in parts { for line in part[c].bigInts {
                    warnings.append(DataLoadWarning(file: file, line: line, column: names[c], reason: "a whole number beyond 64 bits, read as the nearest float"))
                } }
            }
            // Each column's builders move out of the chunks, so that their storage is freed as it
            // is joined; the columns are joined on every core, the largest dictionaries first.
            var pieces = names.indices.map { c in
                parts.indices.map { k in
                    var builder = ColumnBuilder.taken(types[c])
                    swap(&builder, &parts[k][c])
                    return builder
                }
            }
            parts = []
            let columns = ColumnBuilder.columns(joining: &pieces)
            progress?(1)
            return Result(names: names, types: types, columns: columns, warnings: warnings)
        }
        throw DataLoadError(file: file, reason: "the column types did not settle")
    }

    private static func article(_ type: LoadedType) -> String { type == .int ? "an" : "a" }

    private func checkHeader(_ names: [String]) throws(DataLoadError) {
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if name.isEmpty {
                throw DataLoadError(file: file, line: 1, reason: "column \(i + 1) of the header has no name")
            }
            if let first = seen[name.lowercased()] {
                throw DataLoadError(file: file, line: 1, reason: "the header names '\(name)' twice (columns \(first + 1) and \(i + 1))")
            }
            seen[name.lowercased()] = i
        }
        for name in schema.keys where !names.contains(name) {
            throw DataLoadError(file: file, reason: "the schema names '\(name)', which is not a column (columns: \(names.joined(separator: ", ")))")
        }
    }

    // MARK: Chunks

    struct Chunk { var start: Int; var end: Int; var line: Int }

    /// One chunk per core for a large file, cut at line breaks outside quotes.
    private func cut(from start: Int, firstLine: Int) -> [Chunk] {
        let cores = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)
        let length = bytes.count - start
        guard cores > 1, length > 1 << 20 else { return [Chunk(start: start, end: bytes.count, line: firstLine)] }
        var chunks: [Chunk] = []
        var chunkStart = start, chunkLine = firstLine
        var line = firstLine
        var inQuotes = false
        var position = start
        let quote = options.quote
        for k in 1..<cores {
            let target = start + length * k / cores
            // Quotes and line breaks are counted up to the target, then on to a break outside quotes.
            // Eight bytes at a time: only the parity of the quotes and the count of breaks matter.
            var quotes = 0
            while position + 8 <= target {
                let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                quotes += Self.countBytes(word, quote)
                line += Self.countBytes(word, 0x0A)
                position += 8
            }
            if quotes & 1 == 1 { inQuotes.toggle() }
            while position < target {
                let b = bytes[position]
                if b == quote { inQuotes.toggle() } else if b == 0x0A { line += 1 }
                position += 1
            }
            while position < bytes.count {
                let b = bytes[position]
                position += 1
                if b == quote { inQuotes.toggle() } else if b == 0x0A {
                    line += 1
                    if !inQuotes { break }
                }
            }
            if position >= bytes.count { break }
            chunks.append(Chunk(start: chunkStart, end: position, line: chunkLine))
            chunkStart = position
            chunkLine = line
        }
        chunks.append(Chunk(start: chunkStart, end: bytes.count, line: chunkLine))
        return chunks
    }

    /// Whether any byte of a word equals `byte`.
    @inline(__always)
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// How many bytes of a word equal `byte`.
    @inline(__always)
    private static func countBytes(_ word: UInt64, _ byte: UInt8) -> Int {
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        let t = ((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x
        return (~t & 0x8080_8080_8080_8080).nonzeroBitCount
    }

    // MARK: Records

    /// Reads one record from `start`, handing each field's unquoted bytes to `field`. Returns
    /// where the next record starts and how many line breaks this one spanned.
    @inline(__always)
    private func scanRecord(from start: Int, line: Int, scratch: UnsafeMutablePointer<[UInt8]>? = nil,
                            field: (UnsafeRawBufferPointer, Int) throws(DataLoadError) -> Void) throws(DataLoadError) -> (next: Int, lines: Int) {
        let base = bytes.baseAddress!
        let n = bytes.count
        let delimiter = options.delimiter, quote = options.quote
        var i = start
        var index = 0
        var lines = 0
        var localScratch: [UInt8] = []
        while true {
            if i < n && bytes[i] == quote {
                // A quoted field: doubled quotes stand for one; line breaks belong to the field.
                let opened = line + lines
                i += 1
                let fieldStart = i
                var escaped = false
                while true {
                    // Eight bytes at a time up to the next quote or line break.
                    while i + 8 <= n {
                        let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        if Self.hasByte(word, quote) || Self.hasByte(word, 0x0A) { break }
                        i += 8
                    }
                    guard i < n else {
                        throw DataLoadError(file: file, line: opened, reason: "a quoted field is never closed")
                    }
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n && bytes[i + 1] == quote { escaped = true; i += 2; continue }
                        break
                    }
                    if b == 0x0A { lines += 1 }
                    i += 1
                }
                let fieldEnd = i
                i += 1
                if escaped {
                    var buffer = scratch?.pointee ?? localScratch
                    buffer.removeAll(keepingCapacity: true)
                    var k = fieldStart
                    while k < fieldEnd {
                        buffer.append(bytes[k])
                        k += bytes[k] == quote ? 2 : 1
                    }
                    let failure = buffer.withUnsafeBytes { raw -> DataLoadError? in
                        do throws(DataLoadError) { try field(raw, index); return nil } catch { return error }
                    }
                    if let failure { throw failure }
                    if let scratch { scratch.pointee = buffer } else { localScratch = buffer }
                } else {
                    try field(UnsafeRawBufferPointer(start: base + fieldStart, count: fieldEnd - fieldStart), index)
                }
                index += 1
                // After the closing quote: a delimiter, the end of the record, or an error.
                if i < n && bytes[i] == 0x0D { i += 1 }
                if i >= n { return (n, lines) }
                if bytes[i] == delimiter { i += 1; continue }
                if bytes[i] == 0x0A { return (i + 1, lines + 1) }
                throw DataLoadError(file: file, line: line + lines, reason: "text after a closing quote; a quote inside a quoted field is written twice")
            }
            let fieldStart = i
            while i + 8 <= n {
                let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if Self.hasByte(word, delimiter) || Self.hasByte(word, 0x0A) { break }
                i += 8
            }
            while i < n {
                let b = bytes[i]
                if b == delimiter || b == 0x0A { break }
                i += 1
            }
            var fieldEnd = i
            if fieldEnd > fieldStart && bytes[fieldEnd - 1] == 0x0D && (i >= n || bytes[i] == 0x0A) { fieldEnd -= 1 }
            try field(UnsafeRawBufferPointer(start: base + fieldStart, count: fieldEnd - fieldStart), index)
            index += 1
            if i >= n { return (n, lines) }
            if bytes[i] == delimiter { i += 1; continue }
            return (i + 1, lines + 1)
        }
    }

    /// Whether a record starting here is an empty line, and where the next one starts.
    @inline(__always)
    private func blankLine(at i: Int) -> Int? {
        if bytes[i] == 0x0A { return i + 1 }
        if bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { return i + 2 }
        return nil
    }

    /// The first records of the file: types (the schema's win), record length, distinct shares.
    private func sample(names: [String], chunk: Chunk) throws(DataLoadError) -> Sample {
        var types = [LoadedType?](repeating: nil, count: names.count)
        var samples = [Set<Int>](repeating: [], count: names.count)
        var position = chunk.start
        var line = chunk.line
        var records = 0
        while position < chunk.end && records < 2000 {
            if let next = blankLine(at: position) { position = next; line += 1; continue }
            let end = try scanRecord(from: position, line: line) { field, c throws(DataLoadError) in
                guard c < types.count else { return }
                samples[c].insert(Int(truncatingIfNeeded: ByteDictionary.hash(field)))
                guard let t = LoadedType.of(field) else { return }
                types[c] = types[c].map { $0.widened(with: t) } ?? t
            }
            position = end.next
            line += end.lines
            records += 1
        }
        return Sample(types: names.indices.map { schema[names[$0]] ?? types[$0] ?? .string },
                      recordBytes: max(1, (position - chunk.start) / max(records, 1)),
                      distinctShares: samples.map { Double($0.count) / Double(max(records, 1)) })
    }

    /// Every chunk read at once, each into its own builders.
    private func readChunks(_ chunks: [Chunk], columns: Int, types: [LoadedType], sample: Sample) throws(DataLoadError) -> [[ColumnBuilder]] {
        var results = [Swift.Result<[ColumnBuilder], DataLoadError>?](repeating: nil, count: chunks.count)
        results.withUnsafeMutableBufferPointer { slots in
            let slots = SendableSlots(slots)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { k in
                slots.buffer[k] = readChunk(chunks[k], columns: columns, types: types, sample: sample, reportsProgress: k == 0)
            }
        }
        var parts: [[ColumnBuilder]] = []
        for result in results {
            switch result! {
            case .success(let builders): parts.append(builders)
            case .failure(let error): throw error
            }
        }
        return parts
    }

    private func readChunk(_ chunk: Chunk, columns: Int, types: [LoadedType], sample: Sample, reportsProgress: Bool) -> Swift.Result<[ColumnBuilder], DataLoadError> {
        if let bad = UTF8Check.firstInvalid(bytes, from: chunk.start, to: chunk.end) {
            return .failure(DataLoadError(file: file, line: UTF8Check.line(of: bad, in: bytes, from: chunk.start, firstLine: chunk.line), reason: "not UTF-8 text"))
        }
        let estimate = max(16, (chunk.end - chunk.start) / sample.recordBytes)
        var builders = types.indices.map { c in
            // A column whose first values were all different (an id, free text) will stay so:
            // size its dictionary for that. Any other grows as it needs to: 20,000 places in a
            // million rows look as varied in the first 2,000 but need a table a fiftieth the size.
            let unique = sample.distinctShares.count > c && sample.distinctShares[c] >= 0.99
            return ColumnBuilder(type: types[c], capacity: estimate, base: bytes, distinct: unique ? estimate : 512)
        }
        var scratch: [UInt8] = []
        var position = chunk.start
        var line = chunk.line
        var nextReport = position + (1 << 22)
        // The builders through a buffer: one uniqueness check for the chunk, not one per field.
        let failure: DataLoadError? = builders.withUnsafeMutableBufferPointer { columnsOf -> DataLoadError? in
            withUnsafeMutablePointer(to: &scratch) { scratchPointer -> DataLoadError? in
                do throws(DataLoadError) {
                    while position < chunk.end {
                        if let next = blankLine(at: position) { position = next; line += 1; continue }
                        var fields = 0
                        let end = try scanRecord(from: position, line: line, scratch: scratchPointer) { field, c throws(DataLoadError) in
                            guard c < columns else {
                                throw DataLoadError(file: file, line: line, reason: "more than the \(columns) fields the header names")
                            }
                            columnsOf[c].append(field, line: line)
                            fields = c + 1
                        }
                        if fields != columns {
                            return DataLoadError(file: file, line: line, reason: "\(fields) field\(fields == 1 ? "" : "s") where the header has \(columns)")
                        }
                        position = end.next
                        line += end.lines
                        if reportsProgress, position >= nextReport {
                            progress?(Double(position - chunk.start) / Double(max(1, chunk.end - chunk.start)) * 0.95)
                            nextReport = position + (1 << 22)
                        }
                    }
                    return nil
                } catch {
                    return error
                }
            }
        }
        if let failure { return .failure(failure) }
        return .success(builders)
    }
}

/// Slots that the concurrent readers each fill one of.
private struct SendableSlots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
