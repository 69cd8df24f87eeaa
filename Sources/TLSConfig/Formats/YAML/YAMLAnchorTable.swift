/// The anchors defined so far and what an alias to each resolves to.
///
/// An alias refers to the most recent `&name` before it in the text. A collection is registered
/// when it opens, so an alias inside its own anchored collection is recognised as recursion
/// (which a tree cannot represent) rather than resolving to an older anchor of the same name.
struct YAMLAnchorTable {
    enum Resolution {
        case node(YAMLBuiltNode)
        case recursive
        case undefined
    }

    private enum Slot {
        case open(serial: Int)
        case closed(YAMLBuiltNode)
    }

    private var slots: [String: Slot] = [:]
    private var nextSerial = 0

    /// Records an anchored collection that has just started; returns the ticket to close it with.
    mutating func open(_ name: String) -> Int {
        nextSerial += 1
        slots[name] = .open(serial: nextSerial)
        return nextSerial
    }

    /// Completes an anchored collection, unless a later `&name` inside it has since taken the name.
    mutating func close(_ name: String, serial: Int, node: YAMLBuiltNode) {
        if case .open(serial) = slots[name] {
            slots[name] = .closed(node)
        }
    }

    mutating func define(_ name: String, node: YAMLBuiltNode) {
        slots[name] = .closed(node)
    }

    func resolve(_ name: String) -> Resolution {
        switch slots[name] {
        case .closed(let node): .node(node)
        case .open: .recursive
        case nil: .undefined
        }
    }
}
