import CHeapStats

/// How much the allocator's bytes in use grow while code runs, for the leak tests.
///
/// The rest of the suite runs beside them and moves the same count, so a measure runs its
/// body in windows and the tests judge the median window: a leak grows every window by about
/// the same amount, a neighbour moves only a few either way, and cannot fake or hide a leak.
public enum HeapGrowth {
    /// Runs `body` `windows × perWindow` times and returns the growth over each window.
    /// `settle(n)` waits until the work of the first `n` runs is finished on other threads too
    /// (a server's side of a handshake), so that no sample catches it half done.
    public static func windows(
        _ windows: Int, perWindow: Int, settle: (Int) -> Void = { _ in }, _ body: (Int) throws -> Void
    ) rethrows -> [Int] {
        var growth: [Int] = []
        var index = 0
        settle(index)
        for _ in 0..<windows {
            let before = bytesInUse
            for _ in 0..<perWindow {
                try body(index)
                index += 1
            }
            settle(index)
            growth.append(bytesInUse - before)
        }
        return growth
    }

    /// The allocator's bytes in use now; 0 where it cannot tell, and then a measure proves nothing.
    public static var bytesInUse: Int { Int(cheapstats_bytes_in_use()) }

    /// The median window, which the tests judge.
    public static func median(_ values: [Int]) -> Int {
        values.sorted()[values.count / 2]
    }
}
