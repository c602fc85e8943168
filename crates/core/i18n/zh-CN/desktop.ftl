# 桌面外壳自己的文字：系统通知。

notify-title = AI Spend 提醒：{ $subject }
