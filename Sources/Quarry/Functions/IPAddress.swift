/// An IPv4 or IPv6 address as bytes, for `cidrMatch`.
struct IPAddress: Equatable {
    let bytes: [UInt8]

    init?(_ text: String) {
        if text.contains(":") {
            guard let bytes = Self.parseV6(text) else { return nil }
            self.bytes = bytes
        } else {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            var bytes: [UInt8] = []
            for part in parts {
                guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                      let n = UInt8(part) else { return nil }
                bytes.append(n)
            }
            self.bytes = bytes
        }
    }

    private static func parseV6(_ text: String) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            for g in s.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let n = UInt16(g, radix: 16) else { return nil }
                out.append(n)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// A range written `address/prefix`.
    struct Range {
        let base: IPAddress
        let prefix: Int

        func contains(_ address: IPAddress) -> Bool {
            guard address.bytes.count == base.bytes.count else { return false }
            var bits = prefix
            for (a, b) in zip(address.bytes, base.bytes) {
                if bits <= 0 { return true }
                let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if a & mask != b & mask { return false }
                bits -= 8
            }
            return true
        }
    }

    /// `10.0.0.0/8`, `fe80::/10`, or an address alone (all its bits); nil for anything else,
    /// the empty string and a lone `/` included.
    static func cidr(_ text: String) -> Range? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = parts.first, let base = IPAddress(String(first)) else { return nil }
        let maxBits = base.bytes.count * 8
        guard parts.count <= 2 else { return nil }
        let prefix = parts.count == 2 ? Int(parts[1]) : maxBits
        guard let prefix, (0...maxBits).contains(prefix) else { return nil }
        return Range(base: base, prefix: prefix)
    }
}
